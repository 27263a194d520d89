// Prints the headers of a signed request, ready to paste into curl:
//   npm run -s sign -- --apikey demo-apikey --secret demo-secret --body '{"numberOfRecords": 5}'
// The body must be sent byte for byte as given here (use curl --data-raw, not a reformatted copy).
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { signRequest } from '../src/auth/request-signature.js';

const { values } = parseArgs({
  options: {
    apikey: { type: 'string' },
    secret: { type: 'string' },
    body: { type: 'string', default: '' },
    'request-id': { type: 'string' },
    timestamp: { type: 'string' },
  },
});
if (!values.apikey || !values.secret) {
  console.error('usage: npm run -s sign -- --apikey KEY --secret SECRET [--body TEXT] [--request-id ID] [--timestamp MS]');
  process.exit(2);
}
const requestId = values['request-id'] ?? randomUUID();
const timestamp = values.timestamp ?? String(Date.now());
const signature = signRequest(values.secret, values.apikey, requestId, timestamp, values.body ?? '');
console.log(`-H 'X-Client-Request-Id: ${requestId}' -H 'Timestamp: ${timestamp}' -H 'Signature: ${signature}'`);
