import Rollbar from 'rollbar';

export const rollbar = new Rollbar({ accessToken: 'post_client_item_9a8b', captureUncaught: true, captureUnhandledRejections: true });
