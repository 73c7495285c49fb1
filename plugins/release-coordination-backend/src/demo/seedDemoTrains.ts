import { LoggerService } from '@backstage/backend-plugin-api';
import { TrainStore } from '../database/DatabaseTrainStore';
import { demoTrains } from './demoTrains';
import { seedOnce } from './seedOnce';

/**
 * Inserts the demo trains if the store holds none yet; a database that
 * already has trains is never touched. Returns how many were inserted.
 *
 * @public
 */
export async function seedDemoTrains(options: {
  store: TrainStore;
  logger: LoggerService;
  now?: Date;
}): Promise<number> {
  const { store, logger, now = new Date() } = options;
  return seedOnce({
    what: 'demo trains',
    logger,
    isEmpty: () => store.isEmpty(),
    items: () => demoTrains(now),
    insert: train => store.createTrain(train),
  });
}
