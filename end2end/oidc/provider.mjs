// A real OpenID Connect provider for the tests: the `oidc-provider` package (certified by the
// OpenID Foundation) on loopback, with its own login page and a few switches the tests use.
// Started by the Rust test harness and by the browser tests; it prints one JSON line with its
// issuer once it listens, then serves until killed.
//
//   node end2end/oidc/provider.mjs            (OIDC_PORT: its port, 0 for any free one)
//
// Test switches (loopback only, like the provider itself):
//   POST /test/accounts      {"id", "email", "email_verified", "name"}: an account to sign in as
//   POST /test/tamper-jwks   from now on /jwks publishes another key under the same id, so every
//                            ID token's signature fails to verify
// Clients register themselves (RFC 7591 dynamic registration at /reg), each with its own redirect.
import http from 'node:http';
import crypto from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT ?? 0);
// Whoever started us may stop reading once it has the issuer: that is no reason to stop serving.
process.stdout.on('error', () => {});
const accounts = new Map();
let tampered = false;

function rsaJwk(kid) {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
}
const signing = rsaJwk('test-key');
const { d, p, q, dp, dq, qi, ...impostor } = rsaJwk('test-key');

const server = http.createServer();
server.listen(port, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [],
    jwks: { keys: [signing] },
    cookies: { keys: ['a key only the tests use'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
  });
  provider.proxy = false;
  const oidc = provider.callback();
  server.on('request', (req, res) => route(provider, oidc, req, res).catch((e) => fail(res, e)));
  console.log(JSON.stringify({ issuer }));
});

async function route(provider, oidc, req, res) {
  const url = new URL(req.url, 'http://localhost');
  const interaction = url.pathname.match(/^\/interaction\/([^/]+)(\/login)?$/);
  if (req.method === 'POST' && url.pathname === '/test/accounts') {
    const account = JSON.parse(await body(req));
    const { id, ...claims } = account;
    accounts.set(id, claims);
    return send(res, 204, '');
  }
  if (req.method === 'POST' && url.pathname === '/test/tamper-jwks') {
    tampered = true;
    return send(res, 204, '');
  }
  if (tampered && url.pathname === '/jwks') {
    return send(res, 200, JSON.stringify({ keys: [impostor] }), 'application/json');
  }
  if (interaction) return interact(provider, req, res, Boolean(interaction[2]));
  return oidc(req, res);
}

/// The login page: one field naming the account (tests create accounts, so no password).
async function interact(provider, req, res, submitted) {
  const details = await provider.interactionDetails(req, res);
  const clientId = details.params.client_id;
  if (details.prompt.name === 'consent') {
    return finish(provider, req, res, details.session.accountId, clientId, details, true);
  }
  if (!submitted) return send(res, 200, loginPage(details.uid, ''), 'text/html');
  const login = new URLSearchParams(await body(req)).get('login') ?? '';
  if (!accounts.has(login)) return send(res, 200, loginPage(details.uid, 'No such account.'), 'text/html');
  return finish(provider, req, res, login, clientId, details, false);
}

async function finish(provider, req, res, accountId, clientId, details, merge) {
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId });
  grant.addOIDCScope(details.params.scope);
  const grantId = await grant.save();
  const result = merge ? { consent: { grantId } } : { login: { accountId }, consent: { grantId } };
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: merge });
}

function loginPage(uid, error) {
  const escaped = error.replace(/[<>&]/g, '');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test provider: sign in</title></head>
<body><main><h1>Test identity provider</h1>${escaped ? `<p role="alert">${escaped}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label for="login">Account</label> <input id="login" name="login" autofocus>
<button type="submit">Sign in</button></form></main></body></html>`;
}

function body(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function send(res, status, text, type = 'text/plain') {
  res.statusCode = status;
  if (text) res.setHeader('content-type', `${type}; charset=utf-8`);
  res.end(text);
}

function fail(res, error) {
  console.error(error);
  if (!res.headersSent) send(res, 500, String(error));
}
