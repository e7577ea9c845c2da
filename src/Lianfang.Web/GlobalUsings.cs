// Namespaces nearly every feature file uses.
global using Lianfang.Core;
global using Lianfang.Web.Data;
global using Lianfang.Web.Infrastructure;
global using Lianfang.Web.Shared;
global using Microsoft.EntityFrameworkCore;
