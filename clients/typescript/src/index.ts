// The public surface of the package: the generated clients and types, and two helpers that the
// generated code leaves to the caller (authentication, and reading the problem an error carries).
export * from "./workflows-client.js";

import { ApiException, type ProblemDetails, type ValidationProblemDetails } from "./workflows-client.js";

/** What the generated clients take as their `http` argument. */
export interface Fetcher {
    fetch(url: RequestInfo, init?: RequestInit): Promise<Response>;
}

/**
 * A fetch that sends `Authorization: Bearer <token>` with every request; `getToken` is asked each
 * time, so it can hand out a cached token and renew it when it expires (e.g. MSAL's
 * acquireTokenSilent). Headers the generated code leaves empty (an If-Match you did not pass) are
 * not sent.
 */
export function withBearerToken(getToken: () => string | Promise<string>, fetchImpl: typeof fetch = globalThis.fetch): Fetcher {
    return {
        async fetch(url: RequestInfo, init?: RequestInit): Promise<Response> {
            const headers = new Headers(init?.headers);
            for (const [name, value] of [...headers]) {
                if (value === "") headers.delete(name);
            }
            headers.set("Authorization", `Bearer ${await getToken()}`);
            return fetchImpl(url, { ...init, headers });
        },
    };
}

/**
 * The RFC 9457 problem an API call failed with: its `status`, stable `code`, `detail`, `traceId`
 * and, for invalid input, `errors` by field. Undefined when `error` is not an answer of the service
 * (a network failure, say).
 */
export function problemOf(error: unknown): ValidationProblemDetails | undefined {
    if (!(error instanceof ApiException) || !isProblem(error.result)) return undefined;
    return error.result;
}

function isProblem(value: unknown): value is ProblemDetails {
    return typeof value === "object" && value !== null
        && typeof (value as ProblemDetails).status === "number"
        && typeof (value as ProblemDetails).code === "string";
}
