/** A translation must have exactly the keys of the English original. */
export type Messages<English> = { readonly [K in keyof English]: string };
