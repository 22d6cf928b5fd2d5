import mixpanel from 'mixpanel-browser';

mixpanel.init('mp_portal_4411', { persistence: 'localStorage', ip: false });

export default mixpanel;
