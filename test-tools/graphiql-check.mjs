// GraphiQL with the network cut off from everything but the server (GraphiQlOfflineTests): host names do not
// resolve, and every request to another origin is aborted and reported. Argument: one JSON object {chromium, url}.
// Prints one JSON object: what rendered, the requests made elsewhere, the page's errors.
import { launch } from './browser.mjs';

const input = JSON.parse(process.argv[2]);
const server = new URL(input.url).origin;
const browser = await launch(input.chromium, ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1']);
const result = { elsewhere: [], errors: [], assets: [] };
try {
	const context = await browser.newContext();
	await context.route('**/*', (route) => {
		const url = route.request().url();
		if (url.startsWith(server + '/')) {
			return route.continue();
		}
		result.elsewhere.push(url);
		return route.abort('internetdisconnected');
	});
	const page = await context.newPage();
	page.on('pageerror', (error) => result.errors.push(String(error)));
	page.on('console', (message) => message.type() === 'error' && result.errors.push(message.text()));
	page.on('response', (response) => result.assets.push(response.status() + ' ' + new URL(response.url()).pathname));
	const introspection = page.waitForResponse((response) => response.url().startsWith(server + '/graphql')
		&& response.request().method() === 'POST');
	await page.goto(input.url);
	result.introspectionStatus = (await introspection).status();
	await page.waitForSelector('.graphiql-container');
	result.title = await page.title();
	await page.locator('[aria-label="Show Documentation Explorer"]').click();
	await page.waitForSelector('.graphiql-doc-explorer');
	await page.getByText('Query', { exact: true }).first().click();
	await page.waitForFunction(() => document.querySelector('.graphiql-doc-explorer').innerText.includes('agencies'));
	result.docs = await page.locator('.graphiql-doc-explorer').innerText();
}
finally {
	await browser.close();
}
console.log(JSON.stringify(result));
