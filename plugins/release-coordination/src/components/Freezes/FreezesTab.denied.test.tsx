import { screen } from '@testing-library/react';
import { setupContractServer } from '../../__testUtils__/contractServer';
import {
  answerFreezes,
  renderFreezesTab,
} from './__testUtils__/freezeFixtures';

const server = setupContractServer();

// In a file of its own: usePermission caches the decision per test file.
describe('FreezesTab without freezeManagePermission', () => {
  it('hides the buttons and says who manages freezes', async () => {
    answerFreezes(server);
    await renderFreezesTab(server, false);
    expect(
      screen.getByText('Only platform admins manage freezes.'),
    ).toBeInTheDocument();
    expect(screen.getByText('Weekend freeze')).toBeInTheDocument();
    for (const name of ['New freeze', 'Edit', 'End now', 'Delete']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
  });
});
