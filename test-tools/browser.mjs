// Launches the system's Chromium (headless, no network but what the pages ask for, a fresh profile) through
// playwright-core, for the checks in this folder.
import { chromium } from 'playwright-core';

export function launch(executablePath, extraArgs = []) {
	return chromium.launch({
		executablePath,
		headless: true,
		chromiumSandbox: false,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync', ...extraArgs],
	});
}
