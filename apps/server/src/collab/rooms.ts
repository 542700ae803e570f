/** The socket.io room of a draft's sessions: broadcasts to it reach them on every instance. */
export const roomOf = (draftId: string) => `draft:${draftId}`;
