/** Browser tests: the dashboard in headless Chromium against the real demo process. */
package io.tickgate.app.browser;
