/**
 * A tiny HTTP client that behaves like a browser or an integration towards the gateway: keeps the session cookie,
 * sends the CSRF token on changes, or sends an API key; and can pretend to come from a given client IP (the gateway
 * trusts X-Forwarded-For from loopback, as behind a local reverse proxy).
 */
export class GatewayClient {
  private cookie: string | undefined;
  private csrfToken: string | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly options: { apiKey?: string; ip?: string } = {},
  ) {}

  withIp(ip: string): GatewayClient {
    return new GatewayClient(this.baseUrl, { ...this.options, ip });
  }

  async signIn(email: string, password: string): Promise<Response> {
    const response = await this.request('POST', '/api/v1/auth/sign-in', { email, password });
    if (response.ok) this.adoptSession(response, ((await response.clone().json()) as { csrfToken: string }).csrfToken);
    return response;
  }

  adoptSession(response: Response, csrfToken: string): void {
    const cookie = response.headers.get('set-cookie');
    if (cookie) this.cookie = cookie.split(';')[0];
    this.csrfToken = csrfToken;
  }

  /** Drops the CSRF token but keeps the cookie: what a cross-site form post would carry. */
  withoutCsrf(): GatewayClient {
    const copy = new GatewayClient(this.baseUrl, this.options);
    copy.cookie = this.cookie;
    return copy;
  }

  /** A body that is not JSON (a CSV file, a form), sent as it is. */
  requestText(method: string, path: string, body: string | Uint8Array, contentType: string): Promise<Response> {
    return this.send(method, path, body, { 'content-type': contentType });
  }

  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(method, path, body === undefined ? undefined : JSON.stringify(body), { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers });
  }

  private send(method: string, path: string, body: string | Uint8Array | undefined, headers: Record<string, string>): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.cookie && { cookie: this.cookie }),
        ...(this.csrfToken && method !== 'GET' && { 'x-csrf-token': this.csrfToken }),
        ...(this.options.apiKey && { authorization: `Bearer ${this.options.apiKey}` }),
        ...(this.options.ip && { 'x-forwarded-for': this.options.ip }),
        ...headers,
      },
      body,
    });
  }
}
