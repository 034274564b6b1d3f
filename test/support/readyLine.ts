/**
 * The one line `npm start` prints once the hub can serve (src/main.ts): the API's address, then the
 * console's, on the same host and port. Its first part is as it always was, so a reader matching
 * `^Hub ready at (\S+)/graphql` still finds the API; this one holds the whole line to its end.
 */
const READY_LINE = /^Hub ready at (http:\/\/127\.0\.0\.1:(\d+))\/graphql and its console at \1\/console$/m;

/** Once `output` holds the ready line: the port the hub listens on and the console's address. */
export function readyLine(output: string): { port: number; console: string } | undefined {
  const match = READY_LINE.exec(output);
  return match === null ? undefined : { port: Number(match[2]), console: `${match[1]}/console` };
}
