import { DomainError } from '#domain';
import { DesksRepository, DraftsRepository, UsersRepository, type NewPublication } from '#persistence';
import type { ReleaseRequest, ReleaseWriter } from '#reviews';
import { buildNinjsItem } from '../ninjs/build-ninjs-item.js';
import { renderBodyHtml, renderHeadlineHtml } from '../ninjs/html.js';

/**
 * Stores a released version as an IPTC ninjs 3.1 item and its HTML (docs/publishing.md). The
 * authors' names and the desk are read before the transition's transaction; building the item
 * inside it is pure.
 */
export class NinjsReleaseWriter implements ReleaseWriter {
  constructor(
    private readonly uriPrefix: string,
    private readonly drafts: DraftsRepository,
    private readonly users: UsersRepository,
    private readonly desks: DesksRepository,
  ) {}

  async prepare(draftId: string): Promise<{ build(request: ReleaseRequest): NewPublication }> {
    const draft = await this.drafts.findById(draftId);
    if (!draft) throw new DomainError('NOT_FOUND', 'No such draft');
    const [authors, desk] = await Promise.all([
      this.users.findByIds(draft.authorIds),
      this.desks.findById(draft.deskId),
    ]);
    // In the draft's order: the first author leads the by-line.
    const names = draft.authorIds.flatMap((id) => authors.find((user) => user.id === id)?.displayName ?? []);
    const uri = `${this.uriPrefix}${draft.id}`;
    const language = draft.language;
    return {
      build: (request) => {
        const { released, text } = request;
        const ninjs = buildNinjsItem({
          uri,
          version: released.version,
          language,
          headline: text.headline,
          body: text.body,
          pubStatus: released.pubStatus,
          firstCreated: request.firstCreated,
          versionCreated: request.publishedAt,
          ...(request.embargoedUntil ? { embargoedUntil: request.embargoedUntil } : {}),
          authors: names.map((name) => ({ name })),
          ...(desk ? { section: desk.name } : {}),
          ...(request.note ? { note: request.note } : {}),
        });
        return {
          version: released.version,
          event: released.event,
          pubStatus: released.pubStatus,
          uri,
          language,
          headline: text.headline,
          body: text.body,
          seq: text.seq,
          ninjs,
          html: renderHeadlineHtml(text.headline, language) + renderBodyHtml(text.body, language),
          embargoedUntil: request.embargoedUntil,
          firstCreated: request.firstCreated,
          publishedAt: request.publishedAt,
          publishedBy: request.publishedBy,
          note: request.note,
        };
      },
    };
  }
}
