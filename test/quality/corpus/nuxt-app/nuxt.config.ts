export default defineNuxtConfig({
  ssr: true,
  modules: ['@pinia/nuxt'],
  alias: {
    '#telemetry': './utils',
  },
  runtimeConfig: { public: { segmentKey: '' } },
});
