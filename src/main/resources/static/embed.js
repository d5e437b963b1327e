/*
 * egov-dashboard embed script: a reader poll, the visit counter and the page-view beacon for any portal page.
 * Plain JavaScript, no dependencies, served by the API itself. How to paste it: docs/embed.md.
 *
 *   <div data-egov-poll="42"></div>            the poll with id 42: question, options, vote, live results
 *   <span data-egov-visits="CDSQG"></span>      the site's all-time visit counter (Tổng lượt truy cập)
 *   <span data-egov-online="CDSQG"></span>      visitors online now
 *   <script src="https://API/embed.js" data-site="CDSQG" async></script>
 *                                              data-site: sends this page view to the beacon (omit to send none)
 *
 * Widgets say "Không tải được dữ liệu (could not load)" where the API refuses the page's origin. The API answers
 * pages of the origins it allows (registered sites' base_url, egov.embed.allowed-origins) only.
 */
(function () {
	'use strict';

	var script = document.currentScript;
	var api = new URL(script.src).origin;
	var site = script.getAttribute('data-site');
	var numbers = new Intl.NumberFormat('vi-VN');

	function query(text, variables) {
		var url = api + '/graphql?query=' + encodeURIComponent(text) + '&variables=' +
			encodeURIComponent(JSON.stringify(variables));
		return fetch(url, { credentials: 'include', headers: { Accept: 'application/json' } }).then(answer);
	}

	function mutate(text, variables) {
		return fetch(api + '/graphql', {
			method: 'POST',
			credentials: 'include',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: JSON.stringify({ query: text, variables: variables })
		}).then(answer);
	}

	function answer(response) {
		return response.json().then(function (body) {
			if (body.errors && body.errors.length) {
				var error = new Error(body.errors[0].message);
				error.code = (body.errors[0].extensions || {}).code;
				throw error;
			}
			return body.data;
		});
	}

	/* graphql-transport-ws, the protocol of the API's WebSocket endpoint: one connection per widget. */
	function subscribe(text, variables, onData) {
		var socket = new WebSocket(api.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
		socket.onopen = function () {
			socket.send(JSON.stringify({ type: 'connection_init' }));
		};
		socket.onmessage = function (event) {
			var message = JSON.parse(event.data);
			if (message.type === 'connection_ack') {
				socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: text, variables: variables } }));
			} else if (message.type === 'next' && message.payload.data) {
				onData(message.payload.data);
			} else if (message.type === 'ping') {
				socket.send(JSON.stringify({ type: 'pong' }));
			}
		};
		return socket;
	}

	function element(tag, className, text) {
		var node = document.createElement(tag);
		if (className) {
			node.className = className;
		}
		if (text !== undefined) {
			node.textContent = text;
		}
		return node;
	}

	function failed(node) {
		node.setAttribute('data-state', 'error');
		node.textContent = 'Không tải được dữ liệu (could not load)';
	}

	var POLL = 'query egovPoll($id: ID!) { poll(id: $id) { id question active totalVotes ' +
		'options { id label votes percent } } }';
	var VOTE = 'mutation egovVote($poll: ID!, $option: ID!) { castVote(pollId: $poll, optionId: $option) { ' +
		'id question active totalVotes options { id label votes percent } } }';
	var RESULTS = 'subscription egovResults($id: ID!) { pollResults(pollId: $id) { id question active totalVotes ' +
		'options { id label votes percent } } }';

	function renderPoll(node, poll) {
		var form = node.querySelector('form');
		if (!form) {
			node.textContent = '';
			node.appendChild(element('p', 'egov-poll-question', poll.question));
			form = element('form', 'egov-poll-form');
			poll.options.forEach(function (option) {
				var label = element('label', 'egov-poll-option');
				var input = element('input');
				input.type = 'radio';
				input.name = 'egov-poll-' + poll.id;
				input.value = option.id;
				label.appendChild(input);
				label.appendChild(document.createTextNode(' ' + option.label + ' '));
				label.appendChild(element('span', 'egov-poll-result'));
				form.appendChild(label);
			});
			var button = element('button', 'egov-poll-vote', 'Bình chọn');
			button.type = 'submit';
			button.disabled = !poll.active;
			form.appendChild(button);
			form.appendChild(element('p', 'egov-poll-total'));
			form.appendChild(element('p', 'egov-poll-message'));
			form.onsubmit = function (event) {
				event.preventDefault();
				var chosen = form.querySelector('input:checked');
				if (!chosen) {
					return;
				}
				button.disabled = true;
				mutate(VOTE, { poll: poll.id, option: chosen.value }).then(function (data) {
					node.setAttribute('data-voted', 'true');
					message(form, 'Cảm ơn bạn đã bình chọn (thank you for voting)');
					renderPoll(node, data.castVote);
				}, function (error) {
					button.disabled = false;
					message(form, error.code === 'ALREADY_VOTED' ? 'Bạn đã bình chọn (you have voted already)' :
						'Không gửi được phiếu (could not vote): ' + error.message);
				});
			};
			node.appendChild(form);
		}
		var results = form.querySelectorAll('.egov-poll-result');
		poll.options.forEach(function (option, index) {
			results[index].textContent = option.votes + ' (' + option.percent + '%)';
		});
		form.querySelector('.egov-poll-total').textContent = 'Tổng số phiếu (votes): ' + numbers.format(poll.totalVotes);
		node.setAttribute('data-total-votes', String(poll.totalVotes));
		node.setAttribute('data-state', 'ready');
	}

	function message(form, text) {
		form.querySelector('.egov-poll-message').textContent = text;
	}

	function poll(node) {
		var id = node.getAttribute('data-egov-poll');
		query(POLL, { id: id }).then(function (data) {
			if (!data.poll) {
				throw new Error('no poll ' + id);
			}
			renderPoll(node, data.poll);
			subscribe(RESULTS, { id: id }, function (update) {
				if (update.pollResults) {
					renderPoll(node, update.pollResults);
				}
			});
		}).catch(function () {
			failed(node);
		});
	}

	function counter(node, attribute, text, read) {
		var code = node.getAttribute(attribute);
		query(text, { site: code }).then(function (data) {
			var value = read(data);
			node.textContent = numbers.format(value);
			node.setAttribute('data-value', String(value));
			node.setAttribute('data-state', 'ready');
		}).catch(function () {
			failed(node);
		});
	}

	function start() {
		Array.prototype.forEach.call(document.querySelectorAll('[data-egov-poll]'), poll);
		Array.prototype.forEach.call(document.querySelectorAll('[data-egov-visits]'), function (node) {
			counter(node, 'data-egov-visits', 'query egovVisits($site: String!) { siteStats(siteCode: $site) ' +
				'{ totalVisits } }', function (data) { return data.siteStats.totalVisits; });
		});
		Array.prototype.forEach.call(document.querySelectorAll('[data-egov-online]'), function (node) {
			counter(node, 'data-egov-online', 'query egovOnline($site: String!) { onlineNow(siteCode: $site) ' +
				'{ total } }', function (data) { return data.onlineNow.total; });
		});
		if (site) {
			fetch(api + '/api/hits', {
				method: 'POST',
				credentials: 'include',
				keepalive: true,
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ site: site, path: location.pathname, title: document.title })
			}).then(function (response) {
				document.documentElement.setAttribute('data-egov-beacon', String(response.status));
			}, function () {
				document.documentElement.setAttribute('data-egov-beacon', 'refused');
			});
		}
	}

	if (document.readyState === 'loading') {
		document.addEventListener('DOMContentLoaded', start);
	} else {
		start();
	}
}());
