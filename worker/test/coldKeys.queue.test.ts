import { describeColdKeys } from './coldKeys';

describeColdKeys('queue');
