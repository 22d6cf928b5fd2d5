import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

export const sdk = new NodeSDK({
  serviceName: 'support-desk',
  traceExporter: new OTLPTraceExporter({ url: 'https://otlp.eu01.nr-data.net/v1/traces', headers: { 'api-key': process.env.NEW_RELIC_LICENSE_KEY ?? '' } }),
  instrumentations: [getNodeAutoInstrumentations()],
});
sdk.start();
