/** Papers per page on topic and listing pages: no page grows with the size of the collection. */
export const PAGE_SIZE = 50;

/** Names per page of the author list. */
export const AUTHORS_PAGE_SIZE = 200;
