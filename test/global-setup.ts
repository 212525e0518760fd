// Builds dist/ once before any test file runs when it is missing or older than the sources, so the
// end-to-end tests (which run the built CLI) never see dist/ rebuilt underneath them mid-run.
import { ensureBuilt } from "./worker-build.js";

export default async function setup(): Promise<void> {
  await ensureBuilt();
}
