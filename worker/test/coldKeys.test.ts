import { describeColdKeys } from './coldKeys';

describeColdKeys('direct');
