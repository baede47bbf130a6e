import { defineConfig } from "@playwright/test";
import * as path from "path";
import main from "../playwright.config";

// The screenshots of docs/screens/, taken only when asked:
//   cd end2end && npx playwright test -c screens/playwright.config.ts
// The main configuration (the portal, its fake regions, chromium) with this folder as the tests:
// the normal run (`npx playwright test`) reads end2end/tests/ only, so it never takes them.
export default defineConfig(main, {
  testDir: __dirname,
  outputDir: path.join(__dirname, "..", "test-results", "screens"),
});
