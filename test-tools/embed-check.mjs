// The embed snippet in a real browser (EmbedBrowserTests): a page on a registered portal's origin reads, votes and
// subscribes; a page on an unknown origin is refused. Arguments: one JSON object
// {chromium, allowedPage, unknownPage, api, pollId}. Prints one JSON object of what each page showed.
import { launch } from './browser.mjs';

const input = JSON.parse(process.argv[2]);
const browser = await launch(input.chromium);
const result = {};
// What the pages sent and got, printed when a step fails: which request went unanswered, or how it was answered.
const started = Date.now();
const network = [];
function watch(page, name) {
	const at = () => String(Date.now() - started).padStart(6) + ' ms ' + name;
	page.on('request', (r) => network.push(`${at()} ${r.method()} ${r.url().slice(0, 120)}`));
	page.on('response', (r) => network.push(`${at()} ${r.request().method()} ${r.url().slice(0, 120)} -> ${r.status()}`));
	page.on('requestfailed', (r) => network.push(`${at()} ${r.method()} ${r.url().slice(0, 120)} failed: `
		+ r.failure()?.errorText));
	page.on('console', (m) => network.push(`${at()} console.${m.type()}: ${m.text()}`));
	page.on('websocket', (s) => {
		network.push(`${at()} WebSocket ${s.url()}`);
		s.on('close', () => network.push(`${at()} WebSocket closed`));
	});
}
let page;
let stranger;
try {
	const context = await browser.newContext();
	page = await context.newPage();
	watch(page, 'portal');
	await page.goto(input.allowedPage);
	const poll = page.locator('[data-egov-poll]');
	await page.waitForSelector('[data-egov-poll][data-state]');
	await page.waitForSelector('[data-egov-visits][data-state]');
	await page.waitForSelector('html[data-egov-beacon]');
	result.allowed = {
		pollState: await poll.getAttribute('data-state'),
		question: await page.locator('.egov-poll-question').textContent(),
		totalBefore: Number(await poll.getAttribute('data-total-votes')),
		visits: Number(await page.locator('[data-egov-visits]').getAttribute('data-value')),
		beacon: await page.locator('html').getAttribute('data-egov-beacon'),
	};
	await page.locator('input[type=radio]').first().check();
	await page.locator('.egov-poll-vote').click();
	await page.waitForSelector('[data-egov-poll][data-voted=true]');
	result.allowed.totalAfterVote = Number(await poll.getAttribute('data-total-votes'));
	result.allowed.message = await page.locator('.egov-poll-message').textContent();
	// Another reader votes elsewhere: the page's subscription brings the new total without a reload.
	const other = await fetch(input.api + '/graphql', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'User-Agent': 'another reader' },
		body: JSON.stringify({
			query: 'mutation($p: ID!, $o: ID!) { castVote(pollId: $p, optionId: $o) { totalVotes } }',
			variables: { p: input.pollId, o: input.otherOptionId },
		}),
	});
	result.allowed.otherVote = (await other.json()).data.castVote.totalVotes;
	await page.waitForFunction((expected) => document.querySelector('[data-egov-poll]')
		.getAttribute('data-total-votes') === String(expected), result.allowed.otherVote, { timeout: 15000 });
	result.allowed.totalPushed = Number(await poll.getAttribute('data-total-votes'));
	result.allowed.results = await page.locator('.egov-poll-result').allTextContents();

	stranger = await context.newPage();
	watch(stranger, 'stranger');
	await stranger.goto(input.unknownPage);
	await stranger.waitForSelector('[data-egov-poll][data-state]');
	await stranger.waitForSelector('[data-egov-visits][data-state]');
	await stranger.waitForSelector('html[data-egov-beacon]');
	result.unknown = {
		pollState: await stranger.locator('[data-egov-poll]').getAttribute('data-state'),
		visitsState: await stranger.locator('[data-egov-visits]').getAttribute('data-state'),
		beacon: await stranger.locator('html').getAttribute('data-egov-beacon'),
		// A script of its own on that page, trying to vote directly.
		directVote: await stranger.evaluate(async (request) => {
			try {
				const response = await fetch(request.api + '/graphql', {
					method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ query: 'mutation { castVote(pollId: "' + request.pollId + '", optionId: "'
						+ request.otherOptionId + '") { totalVotes } }' }),
				});
				return 'answered ' + response.status;
			}
			catch (error) {
				return 'refused';
			}
		}, input),
		webSocket: await stranger.evaluate((api) => new Promise((resolve) => {
			const socket = new WebSocket(api.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
			socket.onopen = () => resolve('open');
			socket.onerror = () => resolve('refused');
		}), input.api),
	};
}
catch (error) {
	for (const [name, shown] of [['portal', page], ['stranger', stranger]]) {
		if (shown) {
			const body = await shown.evaluate(() => document.documentElement.outerHTML).catch((e) => String(e));
			console.error(`${name} page when it failed:\n${body}`);
		}
	}
	console.error('network:\n' + network.join('\n'));
	throw error;
}
finally {
	await browser.close();
}
console.log(JSON.stringify(result));
