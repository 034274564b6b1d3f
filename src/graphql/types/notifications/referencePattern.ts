/** An agency's own reference for a notification or its records: printable ASCII without spaces. */
export const PRINTABLE_REFERENCE = /^[\x21-\x7E]+$/;
