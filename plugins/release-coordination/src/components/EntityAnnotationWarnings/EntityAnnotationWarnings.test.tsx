import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { EntityAnnotationWarnings } from './EntityAnnotationWarnings';

const server = setupContractServer();
const REF = 'component:default/odd-service';

const render = () =>
  renderInTestApp(<EntityAnnotationWarnings entityRef={REF} />, {
    apis: [[releaseCoordinationApiRef, server.api]],
  });

describe('EntityAnnotationWarnings', () => {
  it('warns about each annotation of the entity the plugin cannot use', async () => {
    server.respond('get', '/entity-annotations', {
      entityRef: REF,
      problems: [
        {
          annotation: 'release-coordination/tier',
          value: 'gold',
          problem: '"gold" is not a known tier; risk assessment ignores it',
        },
        {
          annotation: 'pagerduty.com/service-id',
          value: ' ',
          problem: 'is blank; readiness counts it as missing',
        },
      ],
    });
    await render();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Release coordination cannot use some annotations',
    );
    const items = within(alert).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'release-coordination/tier: "gold" is not a known tier; risk assessment ignores it',
      'pagerduty.com/service-id: is blank; readiness counts it as missing',
    ]);
    expect(server.requests('get', '/entity-annotations')).toEqual([
      expect.objectContaining({ query: { entityRef: REF } }),
    ]);
  });

  it('shows nothing when every annotation is fine', async () => {
    server.respond('get', '/entity-annotations', {
      entityRef: REF,
      problems: [],
    });
    await render();
    await waitFor(() =>
      expect(server.requests('get', '/entity-annotations')).toHaveLength(1),
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
