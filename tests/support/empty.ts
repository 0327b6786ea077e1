// Stands in for the `server-only` package under vitest (see vitest.config.mts): the real package
// throws when imported outside a React Server Components bundle, and the tests import lib modules
// directly in Node.
export {};
