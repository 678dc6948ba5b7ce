/**
 * The end-to-end proof, in one generated project shared by the phases below; they run in this order, each
 * starting from where the previous one left the project.
 */
import { clusterPhase } from './phases/cluster.phase';
import { createPhase } from './phases/create.phase';
import { domainPhase } from './phases/domain.phase';
import { hardeningPhase } from './phases/hardening.phase';
import { metricsPhase } from './phases/metrics.phase';
import { tracesPhase } from './phases/traces.phase';
import { upgradePhase } from './phases/upgrade.phase';
import { useGeneratedProject } from './project';

const project = useGeneratedProject();

describe('npx create-ddd-express my-api (packed CLI, real install, real Redis)', () => {
  createPhase(project);
});

describe('the built server on a Redis Cluster (REDIS_CLUSTER_NODES)', () => {
  clusterPhase(project);
});

describe('OpenTelemetry: the preload of npm start, and one request traced to a local OTLP receiver', () => {
  tracesPhase(project);
});

describe("the built server's metrics (METRICS_PORT), scraped by Prometheus", () => {
  metricsPhase(project);
});

describe('the built server at process level: two instances, Redis outage, MongoDB down, SIGTERM, forged tokens', () => {
  hardeningPhase(project);
});

describe('npx ddd generate domain orders, then npx ddd destroy domain orders', () => {
  domainPhase(project);
});

describe('npx ddd upgrade: a project made from older templates, with its own edits, moved to these', () => {
  upgradePhase(project);
});
