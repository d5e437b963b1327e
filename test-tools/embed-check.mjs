// The embed snippet in a real browser (EmbedBrowserTests): a page on a registered portal's origin reads, votes and
// subscribes; a page on an unknown origin is refused. Arguments: one JSON object
// {chromium, allowedPage, unknownPage, api, pollId}. Prints one JSON object of what each page showed.
import { launch } from './browser.mjs';

const input = JSON.parse(process.argv[2]);
const browser = await launch(input.chromium);
const result = {};
try {
	const context = await browser.newContext();
	const page = await context.newPage();
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

	const stranger = await context.newPage();
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
finally {
	await browser.close();
}
console.log(JSON.stringify(result));
