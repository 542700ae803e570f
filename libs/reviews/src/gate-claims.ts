import type { DraftClaim } from '#contracts';
import type { GateClaim } from '#domain';

/** A draft's claim as the publish gate reads it. */
export function toGateClaim(claim: DraftClaim): GateClaim {
  return {
    id: claim.id,
    kind: claim.kind,
    text: claim.text,
    status: claim.status,
    stale: claim.stale,
    findings: claim.findings.map((finding) => ({
      id: finding.id,
      kind: finding.kind,
      dismissed: finding.dismissed !== null,
    })),
  };
}
