// `npm run demo`: lints the example app with the built wimboot-lint and shows
// the findings. Findings are the expected outcome, so exit code 1 from the
// linter is success here; no findings (0) or an error (2) means the demo broke.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/lint-cli/wimboot-lint.js', import.meta.url));
const app = fileURLToPath(new URL('./demo-app', import.meta.url));

console.log(`$ wimboot-lint examples/demo-app`);
const { status, error } = spawnSync(process.execPath, [cli, app], { stdio: 'inherit' });
if (error !== undefined) {
  console.error(`demo: could not run wimboot-lint: ${error.message}`);
  process.exitCode = 1;
} else if (status === 1) {
  console.log('demo: wimboot-lint exited with 1 (findings), as expected for this app.');
} else {
  console.error(`demo: wimboot-lint exited with ${status}; expected 1 (findings).`);
  process.exitCode = 1;
}
