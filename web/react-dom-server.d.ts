// React 18 types list the web-streams renderer under 'react-dom/server' only.
// Node 20 has web streams, so the server uses it without a Node stream adapter.
declare module 'react-dom/server.browser' {
  export { renderToReadableStream } from 'react-dom/server';
}
