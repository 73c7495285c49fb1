import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { answerRelease } from '../../__testUtils__/answers';
import {
  makeApprovals,
  makeReadiness,
  makeRelease,
} from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import {
  DEEPLY_NESTED_MARKDOWN,
  HOSTILE_CHANGES,
  HOSTILE_EVIDENCE,
  HOSTILE_MARKDOWN,
  HOSTILE_TITLE,
} from '../../__fixtures__/hostileContent';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { ReleasePage } from './ReleasePage';

// the Markdown renderer loads lazily; give it time on a busy machine
const LOADED = { timeout: 10_000 };

const server = setupContractServer();

function answerHostileRelease() {
  const readiness = makeReadiness();
  readiness.items[2] = {
    ...readiness.items[2],
    passed: true,
    checkedBy: 'user:default/alice',
    checkedAt: '2030-02-01T10:00:00.000Z',
    evidence: HOSTILE_EVIDENCE,
  };
  answerRelease(
    server,
    makeRelease({
      title: HOSTILE_TITLE,
      description: HOSTILE_MARKDOWN,
      rollbackPlan: DEEPLY_NESTED_MARKDOWN,
      changes: HOSTILE_CHANGES,
    }),
    {
      readiness: {
        ...readiness,
        blocking: ['Approvals complete: not passed'],
      },
      approvals: makeApprovals(),
    },
  );
}

describe('ReleasePage with hostile stored text', () => {
  it('renders the title, Markdown, change links and evidence as text', async () => {
    answerHostileRelease();
    await renderInTestApp(<ReleasePage releaseId="r1" />, {
      apis: [
        [releaseCoordinationApiRef, server.api],
        mockApis.identity({
          userEntityRef: 'user:default/alice',
          ownershipEntityRefs: ['group:default/payments'],
        }),
      ],
      mountedRoutes: {
        '/release-coordination': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    });

    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading.textContent).toContain(HOSTILE_TITLE);

    // raw HTML is text: the <svg> that made React throw, scripts, handlers
    expect(
      await screen.findByText('<svg> text', { exact: false }, LOADED),
    ).toBeInTheDocument();
    expect(
      screen.getByText('<script>alert("script")</script>'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('<img src=x onerror=alert("img")>'),
    ).toBeInTheDocument();
    expect(document.querySelector('script[src], img[onerror]')).toBeNull();
    // no image is loaded from anywhere
    for (const image of Array.from(
      document.querySelectorAll('main img, .MuiCardContent-root img'),
    )) {
      expect(image.getAttribute('src')).toBe('');
    }
    // no link runs a script: Markdown, change and evidence links are text
    expect(
      document.querySelector('a[href^="javascript" i], a[href^="data" i]'),
    ).toBeNull();
    expect(screen.getByText('click me')).not.toHaveAttribute('href');
    expect(screen.queryByRole('link', { name: /Script link/ })).toBeNull();
    expect(screen.getByText('Script link')).toBeInTheDocument();
    expect(screen.getByText('Data link')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Fine link/ })).toHaveAttribute(
      'href',
      'https://example.com/pr/1',
    );
    expect(
      screen.getByText(`Evidence: ${HOSTILE_EVIDENCE}`),
    ).not.toHaveAttribute('href');

    // the deeply nested rollback plan renders, or at worst says it cannot
    const rollback = screen.getByText('Rollback plan').closest('.MuiCard-root');
    expect(
      await within(rollback as HTMLElement).findByText(
        /deep quote|Could not display this text\./,
        undefined,
        LOADED,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit' })).toBeInTheDocument();
  });
});
