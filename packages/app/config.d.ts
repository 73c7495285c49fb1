export interface Config {
  auth?: {
    providers?: {
      /**
       * The demo sign-in (packages/backend/src/auth/demoUserProvider.ts and the
       * app's sign-in page): absent, there is none. Works only in development.
       */
      demo?: {
        /**
         * The users one may sign in as, as entity references of catalog users.
         * @visibility frontend
         */
        users: string[];
      };
    };
  };
}
