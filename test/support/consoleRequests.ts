import type request from "supertest";

/** A browser-like client of the console: supertest's agent keeps the session cookie between requests. */
export type Agent = ReturnType<typeof request.agent>;

/** The CSRF token a console page's form carries. */
export const csrfOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";

/**
 * GET and form POST for the console suites, each recording the URL asked for and any it redirected to
 * (`urls`), so a suite can check that no URL it met carries an SUI, a name or a hub id.
 */
export function visitedUrls(): { urls: string[]; get: (agent: Agent, url: string) => Promise<request.Response>; post: (agent: Agent, url: string, form: Record<string, string>) => Promise<request.Response> } {
  const urls: string[] = [];
  const seen = (url: string, response: request.Response) => {
    urls.push(url);
    if (response.headers.location) urls.push(String(response.headers.location));
    return response;
  };
  return {
    urls,
    get: async (agent, url) => seen(url, await agent.get(url)),
    post: async (agent, url, form) => seen(url, await agent.post(url).type("form").send(form)),
  };
}
