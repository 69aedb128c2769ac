// Opens the service's Swagger UI in headless Chromium, lists the operations it shows, runs
// "Try it out" on a read endpoint without a token, and takes a screenshot. Prints what it saw as
// one JSON object on stdout; the NUnit test that runs it (SwaggerUiTests) decides what is right.
//
// Environment: SWAGGER_UI_URL (the page), TRY_OPERATION (the opblock id of a GET without
// parameters), SCREENSHOT (the PNG to write), USER_DATA_DIR (a fresh, empty folder) and
// CHROMIUM_PATH (the browser, default /usr/bin/chromium).
import { chromium } from "playwright-core";

const env = (name, fallback) => {
    const value = process.env[name] ?? fallback;
    if (!value) throw new Error(`${name} is not set`);
    return value;
};

const context = await chromium.launchPersistentContext(env("USER_DATA_DIR"), {
    executablePath: env("CHROMIUM_PATH", "/usr/bin/chromium"),
    headless: true,
    args: [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
    viewport: { width: 1400, height: 1000 },
});

try {
    const page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(env("SWAGGER_UI_URL"), { waitUntil: "domcontentloaded" });
    await page.locator(".opblock").first().waitFor();
    const operations = await page.locator(".opblock").evaluateAll(blocks => blocks.map(b => b.id));

    const block = page.locator(`[id="${env("TRY_OPERATION")}"]`);
    await block.locator(".opblock-summary").click();
    await block.locator("button.try-out__btn").click();
    await block.locator("button.execute").click();
    const row = block.locator(".live-responses-table .response").first();
    await row.waitFor();
    const status = (await row.locator(".response-col_status").innerText()).trim();
    const body = (await row.locator(".response-col_description pre").first().innerText()).trim();

    // The operation, from its summary to the live response, in view.
    await block.evaluate(element => element.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: env("SCREENSHOT") });
    console.log(JSON.stringify({ operations, tryItOut: { status, body } }));
} finally {
    await context.close();
}
