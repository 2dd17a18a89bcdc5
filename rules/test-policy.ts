/** What the project asks of its rule tests: no alert that pages or escalates ships untested. */
import { testPolicy } from 'alertforge';

export const policy = testPolicy({ requireTestsFor: ['critical', 'emergency'] });
