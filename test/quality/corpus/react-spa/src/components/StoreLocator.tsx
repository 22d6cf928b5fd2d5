import { useEffect, useState } from 'react';
import * as amplitude from '@amplitude/analytics-browser';
import { datadogRum } from '@datadog/browser-rum';

type Store = { id: string; name: string; lat: number; lng: number };

const DEFAULT_CENTER = { lat: 46.5891, lng: -112.0391 };

export function StoreLocator({ stores }: { stores: Store[] }) {
  const [center, setCenter] = useState(DEFAULT_CENTER);
  const [permission, setPermission] = useState<PermissionState | 'unknown'>('unknown');

  useEffect(() => {
    navigator.permissions?.query({ name: 'geolocation' }).then((status) => {
      setPermission(status.state);
      // quiet [amplitude] the permission state
      amplitude.track('Location Permission', { state: status.state });
    });
  }, []);

  function locate() {
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const here = { lat: pos.coords.latitude, lng: pos.coords.longitude };
        setCenter(here);
        // expect: mt/sensitive-data-to-third-party precise-geolocation [amplitude] the device position as event properties
        amplitude.track('Located User', here);
        // expect: mt/sensitive-data-to-third-party precise-geolocation [datadog-rum] the coordinates in the global RUM context
        datadogRum.setGlobalContextProperty('location', { latitude: pos.coords.latitude, longitude: pos.coords.longitude });
        // quiet [amplitude] accuracy in meters, a number
        amplitude.track('Location Accuracy', { accuracy: Math.round(pos.coords.accuracy) });
      },
      (err) => {
        // quiet [datadog-rum] the geolocation error code
        datadogRum.addError(new Error(`geolocation failed: ${err.code}`));
      },
    );
  }

  function selectStore(store: Store) {
    // quiet [amplitude] a store's own coordinates describe a place of business
    amplitude.track('Store Selected', { storeId: store.id, storeName: store.name, lat: store.lat, lng: store.lng });
    // quiet [amplitude] the map center when it is the default
    amplitude.track('Map Opened', { center: DEFAULT_CENTER, zoom: 11 });
  }

  return (
    <div>
      <button onClick={locate} disabled={permission === 'denied'}>Use my location</button>
      {stores.map((s) => (
        <button key={s.id} onClick={() => selectStore(s)}>{s.name}</button>
      ))}
      <span>{center.lat}</span>
    </div>
  );
}
