import { useEffect, useState } from 'react';
import mixpanel from 'mixpanel-browser';
import * as Sentry from '@sentry/react';

interface CarePlan {
  id: string;
  /** @pii health */
  careNotes: string;
  /** @pii health */
  triageLevel: 'routine' | 'urgent' | 'emergency';
  nextReviewAt: string;
}

export function CareNotes({ plan }: { plan: CarePlan }) {
  const [draft, setDraft] = useState(plan.careNotes);

  useEffect(() => {
    // quiet [mixpanel] plan id and review date
    mixpanel.track('Care Plan Opened', { planId: plan.id, nextReviewAt: plan.nextReviewAt });
  }, [plan.id, plan.nextReviewAt]);

  function save() {
    // expect: mt/sensitive-data-to-third-party health [mixpanel] a field the team tagged @pii health
    mixpanel.track('Care Plan Saved', { planId: plan.id, triageLevel: plan.triageLevel });
    // quiet [mixpanel] the length of the draft
    mixpanel.track('Care Notes Length', { chars: draft.length });
    // expect: mt/sensitive-data-to-third-party health [sentry] the notes tagged @pii health as breadcrumb data
    Sentry.addBreadcrumb({ category: 'care', data: { careNotes: plan.careNotes } });
  }

  return <textarea value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={save} />;
}
