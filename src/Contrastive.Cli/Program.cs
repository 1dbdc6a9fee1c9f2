using Contrastive.Cli;

return await CliApp.RunAsync(args);
