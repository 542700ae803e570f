export { EmbargoScheduler, type EmbargoSchedulerOptions, type SchedulerLogger } from './embargo-scheduler.js';
export { NinjsReleaseWriter } from './ninjs-release-writer.js';
export { PublicationsService, toPublication, type FeedRequest } from './publications.service.js';
export { PublishingModule, ReleaseLifecycle, type PublishingOptions } from './publishing.module.js';
