// review of a draft: the review state machine as the adapters drive it, the publish gate (issue 12)
// Uses: #claims, #drafts, #collab, #auth, #persistence, #domain, #contracts.
export * from './revision-diff.js';
