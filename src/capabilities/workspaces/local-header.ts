/**
 * The header naming the workspace of a request made with a server's local token (the CLI reading
 * through the server), and naming it in the reply. Its own file so the CLI can use it without
 * loading the HTTP middleware.
 */
export const LOCAL_WORKSPACE_HEADER = 'cxloop-workspace';
