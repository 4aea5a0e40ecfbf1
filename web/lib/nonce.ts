import { createContext, useContext } from 'react';

/**
 * The CSP nonce reaches the document through React context on the server only,
 * never through loader data, so it is not serialised into the page.
 */
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
