// The GraphQL-over-HTTP audit suite of graphql-http (GraphQlOverHttpAuditTests) against the running server.
// Argument: the endpoint's URL. Prints one JSON object: how many audits passed, and every warning and error.
import { auditServer } from 'graphql-http';

const results = await auditServer({ url: process.argv[2] });
const problems = [];
for (const result of results) {
	if (result.status !== 'ok') {
		problems.push({ id: result.id, name: result.name, status: result.status, reason: result.reason,
			response: result.response && { status: result.response.status,
				contentType: result.response.headers.get('content-type') } });
	}
}
console.log(JSON.stringify({ audits: results.length, ok: results.length - problems.length, problems }));
