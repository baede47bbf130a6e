import { defineConfig } from "@playwright/test";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// One fresh portal for the run: its own SQLite file and outbox folder. Workers inherit the
// environment of the main process, so they see the same folder.
if (!process.env.QUORUM_E2E_DIR) {
  process.env.QUORUM_E2E_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "quorum-e2e-"));
}
const dir = process.env.QUORUM_E2E_DIR;
const port = process.env.QUORUM_E2E_PORT ?? "3170";
const base = `http://127.0.0.1:${port}`;
const bin = process.env.QUORUM_BIN ?? path.join(__dirname, "..", "target", "debug", "quorum");

// A second region, served by the fake BBB server built beside the binary (the debug build has it;
// the release folder does not, and its run does not need it): the status page test turns it off
// and on through the fake's control address.
const fakeBin = path.join(path.dirname(bin), "fake-bbb");
const fakePort = String(Number(port) + 9);
// A third, the rooms' default, that stays up: the demo region stands aside once real ones exist
// (never a default, a move's or an import's target), so the tests use real ones.
const sparePort = String(Number(port) + 7);
const withFake = fs.existsSync(fakeBin);
const fakeSecret = "e2e-status-secret";
fs.writeFileSync(
  path.join(dir, "quorum.toml"),
  withFake
    ? `[[regions]]\ncode = "watch"\nname = "Watched region"\napi_url = "http://127.0.0.1:${fakePort}/bigbluebutton/api/"\nsecret = "${fakeSecret}"\ncapacity = 10\nbookable_percent = 100\n` +
      `[[regions]]\ncode = "spare"\nname = "Spare region"\napi_url = "http://127.0.0.1:${sparePort}/bigbluebutton/api/"\nsecret = "${fakeSecret}"\ndefault = true\n`
    : "",
);
process.env.QUORUM_E2E_BIN = bin;
// A real OpenID provider (npm's oidc-provider) for the single sign-on test.
const oidcPort = String(Number(port) + 8);
process.env.QUORUM_E2E_OIDC = `http://127.0.0.1:${oidcPort}`;
const oidcServer = {
  command: `node ${path.join(__dirname, "oidc", "provider.mjs")}`,
  url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
  reuseExistingServer: false,
  timeout: 60_000,
  env: { OIDC_PORT: oidcPort },
};
process.env.QUORUM_E2E_FAKE = withFake ? `http://127.0.0.1:${fakePort}` : "";
// The spare region's fake too: the walk adds a recording to a meeting there through its control address.
process.env.QUORUM_E2E_SPARE = withFake ? `http://127.0.0.1:${sparePort}` : "";
const fakeServer = withFake
  ? [fakePort, sparePort].map((p) => ({ command: `${fakeBin} 127.0.0.1:${p} ${fakeSecret}`, url: `http://127.0.0.1:${p}/bigbluebutton/api/`, reuseExistingServer: false, timeout: 60_000 }))
  : [];

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: base,
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    ...fakeServer,
    oidcServer,
    {
    command: `${bin} serve`,
    url: `${base}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    cwd: path.join(__dirname, ".."),
    env: {
      QUORUM_BIND: `127.0.0.1:${port}`,
      QUORUM_DATABASE_URL: `sqlite://${dir}/quorum.db?mode=rwc`,
      QUORUM_OUTBOX_DIR: `${dir}/outbox`,
      QUORUM_FILES_DIR: `${dir}/files`,
      QUORUM_SITE_ROOT: process.env.QUORUM_SITE_ROOT ?? path.join(__dirname, "..", "target", "site"),
      RUST_LOG: "warn",
      QUORUM_DEMO_REGION: "true",
      QUORUM_CONFIG: path.join(dir, "quorum.toml"),
      // The status page test watches a region go down and back within seconds.
      QUORUM_MONITOR_INTERVAL_SECONDS: "1",
      // Every peer here is on loopback (the fake regions, the legacy database, the OpenID provider),
      // which a portal refuses to call unless its configuration says the network is its own.
      QUORUM_ALLOW_INTERNAL_NETWORK: "true",
    },
  },
  ],
});
