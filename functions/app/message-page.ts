import { html } from 'hono/html';

/**
 * A plain page for what the site answers before Remix runs (blocked, too
 * large, too many tries): a title, a sentence and a way back. Escaped by
 * `html`, though nothing in it comes from the request.
 */
export function messagePage(title: string, sentence: string) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Decide Together</title>
      </head>
      <body>
        <main>
          <h1>${title}</h1>
          <p>${sentence}</p>
          <p><a href="/">Go to the start page</a></p>
        </main>
      </body>
    </html>`;
}
