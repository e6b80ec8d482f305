using RootSeg.Cli;

return CommandRouter.Run(args);
