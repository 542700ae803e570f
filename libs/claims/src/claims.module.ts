import { Inject, Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { DocumentManager } from '#collab';
import { DraftsModule } from '#drafts';
import { ClaimsExtractionService } from './claims-extraction.service.js';
import { ClaimAnchorsExtension } from './live/claim-anchors.extension.js';
import { CLAIMS_OPTIONS, type ClaimsOptions } from './live/claims.options.js';
import { ClaimsReconciler } from './live/claims-reconciler.js';
import { DraftClaimsService } from './live/draft-claims.service.js';

/** Adds the claim-anchors extension to the live documents, after the fan-out. */
@Injectable()
export class ClaimAnchorsRegistration implements OnModuleInit {
  readonly extension: ClaimAnchorsExtension;

  constructor(
    private readonly documents: DocumentManager,
    service: DraftClaimsService,
    @Inject(CLAIMS_OPTIONS) options: ClaimsOptions,
  ) {
    this.extension = new ClaimAnchorsExtension(
      documents,
      (draftId, seq, doc) => service.reconcile(draftId, seq, doc),
      options,
    );
  }

  onModuleInit(): void {
    this.documents.use(this.extension);
  }
}

/**
 * Claim extraction for the adapters, and claims in live drafts. `liveEditing` is the app's own
 * configured LiveEditingModule (the same module object it imports: Nest keeps one instance).
 */
@Module({ providers: [ClaimsExtractionService], exports: [ClaimsExtractionService] })
export class ClaimsModule {
  static forRoot(options: ClaimsOptions, liveEditing: DynamicModule): DynamicModule {
    return {
      module: ClaimsModule,
      imports: [liveEditing, DraftsModule],
      providers: [
        { provide: CLAIMS_OPTIONS, useValue: options },
        ClaimsExtractionService,
        ClaimsReconciler,
        DraftClaimsService,
        ClaimAnchorsRegistration,
      ],
      // The live documents too: review transitions fence them (ReviewsService).
      exports: [ClaimsExtractionService, DraftClaimsService, ClaimAnchorsRegistration, liveEditing],
    };
  }
}
