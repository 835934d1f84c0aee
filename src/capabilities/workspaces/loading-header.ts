/**
 * The reply header that says a workspace's data is still loading in the background (the demo data
 * set at first start): its numbers count only what has been stored so far. The app sets it on every
 * reply about such a workspace; the CLI, reading through the server, prints it. A file of its own so
 * that the CLI reads it without loading the HTTP stack.
 */
export const LOADING_HEADER = 'x-cxloop-data-loading';
