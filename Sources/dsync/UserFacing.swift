import ArgumentParser
import Foundation
import Import
import Replica
import SQLiteDB

/// Runs a command body and turns DistrictSync errors into a clear Chinese message and exit status 1.
func userFacing(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as DatabaseError where e.isDiskFull {
        printError("错误：磁盘已满，本次操作没有写入任何内容（已保存的数据不受影响）；请腾出磁盘空间后重试。\n原因：\(e)")
        throw ExitCode(1)
    } catch let e as ReplicaError {
        printError("错误：\(e.message)" + (e.cause.map { "\n原因：\($0)" } ?? ""))
        throw ExitCode(1)
    } catch let e as ImportCLIError {
        printError("错误：\(e.description)")
        throw ExitCode(1)
    } catch let e as ImportFileError {
        printError("错误：\(e.description)")
        throw ExitCode(1)
    } catch let e as ExitCode {
        throw e
    } catch let e as ValidationError {
        throw e
    } catch {
        printError("错误：\(error)")
        throw ExitCode(1)
    }
}

func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}
