return GpuLm.Cli.GpulmCommand.Run(args);
