/** The base of every generated client: where requests go when no base URL is given. */
export class ClientBase {
    /**
     * The document's server is the root of whichever host serves it ("/"), which prefixed to
     * "/api/v2/…" would make a host-less, protocol-relative URL. Without a base URL, requests go
     * to the page's own origin ("" + "/api/v2/…").
     */
    protected getBaseUrl(_defaultUrl: string, baseUrl?: string): string {
        return baseUrl ?? "";
    }
}
