// Runs before every request of the collection: the sandbox's access rules in one place.
// Requests themselves carry only {{variables}}; this adds the apikey, X-ClientID, a cached bearer
// token and, when signing is on, the HMAC signature over the body exactly as it will be sent.
const CryptoJS = require('crypto-js');

const baseUrl = pm.variables.get('baseUrl');
const apikey = pm.variables.get('apikey');
const secret = pm.variables.get('secret');
const clientId = pm.variables.get('clientId');
const isTokenCall = /\/token$/.test(pm.request.url.getPath());
// Signing is on unless the environment says sign=false: every tenant accepts a signed request and
// signed-apikey refuses any other.
const signing = Boolean(secret) && String(pm.variables.get('sign')).toLowerCase() !== 'false';
// Refresh this long before the token's 900 s run out, so a request never leaves with a dying token.
const REFRESH_MARGIN_MS = 60 * 1000;

function setHeader(key, value) {
  pm.request.headers.remove(key);
  pm.request.headers.add({ key: key, value: value });
}

function sign() {
  let raw = '';
  if (pm.request.body && pm.request.body.mode === 'raw') {
    // Resolve the {{variables}} now and send that very text, so the signature covers the bytes sent.
    raw = pm.variables.replaceIn(pm.request.body.raw || '');
    pm.request.body.raw = raw;
  }
  const requestId = pm.variables.replaceIn('{{$guid}}');
  const timestamp = String(Date.now());
  const signature = CryptoJS.HmacSHA256(apikey + requestId + timestamp + raw, secret).toString(CryptoJS.enc.Base64);
  setHeader('X-Client-Request-Id', requestId);
  setHeader('Timestamp', timestamp);
  setHeader('Signature', signature);
}

function withToken(use) {
  // A token belongs to one apikey and one running sandbox (it signs tokens with its own key).
  const owner = baseUrl + ' ' + apikey;
  const cached = pm.collectionVariables.get('accessToken');
  const expiresAt = Number(pm.collectionVariables.get('accessTokenExpiresAt') || 0);
  if (cached && pm.collectionVariables.get('accessTokenFor') === owner && Date.now() < expiresAt - REFRESH_MARGIN_MS) {
    use(cached);
    return;
  }
  if (!secret) throw new Error('Set the secret variable: the token call needs apikey and secret.');
  const askedAt = Date.now();
  pm.sendRequest(
    {
      url: baseUrl + '/token',
      method: 'POST',
      header: [
        { key: 'apikey', value: apikey },
        { key: 'Authorization', value: 'Basic ' + CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse(apikey + ':' + secret)) },
        { key: 'Content-Type', value: 'application/x-www-form-urlencoded' },
      ],
      body: { mode: 'urlencoded', urlencoded: [{ key: 'grant_type', value: 'client_credentials' }] },
    },
    function (err, res) {
      if (err) throw new Error('POST ' + baseUrl + '/token failed: ' + err.message);
      if (res.code !== 200) throw new Error('POST /token answered ' + res.code + ': ' + res.text());
      const answer = res.json();
      pm.collectionVariables.set('accessToken', answer.access_token);
      pm.collectionVariables.set('accessTokenExpiresAt', String(askedAt + answer.expires_in * 1000));
      pm.collectionVariables.set('accessTokenFor', owner);
      use(answer.access_token);
    },
  );
}

setHeader('apikey', apikey);
if (!isTokenCall) {
  setHeader('X-ClientID', clientId);
  if (signing) sign();
  withToken(function (token) {
    setHeader('Authorization', 'Bearer ' + token);
  });
}
